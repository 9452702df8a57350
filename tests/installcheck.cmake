# Installs the build into a scratch prefix, as a distribution would, and checks what lands there.
# Run by ctest: cmake -DBUILD_DIR=... -DPREFIX=... -P installcheck.cmake
file(REMOVE_RECURSE "${PREFIX}")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${PREFIX}"
                RESULT_VARIABLE result OUTPUT_QUIET)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "cmake --install failed: ${result}")
endif()
foreach(path
        bin/dossier
        bin/dossier-cli
        share/applications/io.github.dossier.Dossier.desktop
        share/icons/hicolor/scalable/apps/io.github.dossier.Dossier.svg
        share/metainfo/io.github.dossier.Dossier.metainfo.xml)
    if(NOT EXISTS "${PREFIX}/${path}")
        message(FATAL_ERROR "not installed: ${path}")
    endif()
endforeach()
file(READ "${PREFIX}/share/applications/io.github.dossier.Dossier.desktop" desktop)
if(NOT desktop MATCHES "Exec=dossier" OR NOT desktop MATCHES "Icon=io.github.dossier.Dossier")
    message(FATAL_ERROR "the desktop entry does not start dossier with its icon")
endif()
file(REMOVE_RECURSE "${PREFIX}")
message(STATUS "installed and checked")
