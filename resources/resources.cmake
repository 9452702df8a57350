# Included from core/CMakeLists.txt: the run-time data of the core library.
set(_res ${PROJECT_SOURCE_DIR}/resources)
file(GLOB _gazetteers CONFIGURE_DEPENDS ${_res}/gazetteers/*.txt)
# The entity tagger's weights, made by tools/traintagger.cpp (scripts/train-tagger).
file(GLOB _models CONFIGURE_DEPENDS ${_res}/models/*.bin)
qt_add_resources(dossiercore "dossier_core_data"
    PREFIX "/dossier"
    BASE ${_res}
    FILES ${_gazetteers} ${_models}
)
