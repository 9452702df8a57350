# Checks that every C++ file of the project is formatted as .clang-format says.
# Run by ctest: cmake -DCLANG_FORMAT=... -DSOURCE_DIR=... -P checkformat.cmake
set(files)
foreach(dir app bench core fuzz tests tools ui)
    file(GLOB_RECURSE found "${SOURCE_DIR}/${dir}/*.cpp" "${SOURCE_DIR}/${dir}/*.h")
    list(APPEND files ${found})
endforeach()
list(LENGTH files count)
if(count LESS 100)
    message(FATAL_ERROR "found only ${count} source files under ${SOURCE_DIR}")
endif()
list(SORT files)
execute_process(COMMAND "${CLANG_FORMAT}" --dry-run --Werror ${files}
                WORKING_DIRECTORY "${SOURCE_DIR}"
                RESULT_VARIABLE result
                ERROR_VARIABLE complaints)
if(NOT result EQUAL 0)
    string(REGEX MATCHALL "[^\n]*: error: code should be clang-formatted" lines "${complaints}")
    set(names)
    foreach(line ${lines})
        string(REGEX REPLACE ":[0-9]+:[0-9]+: error: code should be clang-formatted" "" name "${line}")
        list(APPEND names "${name}")
    endforeach()
    list(REMOVE_DUPLICATES names)
    list(JOIN names "\n  " listing)
    message(FATAL_ERROR "not formatted as .clang-format says (run scripts/format):\n  ${listing}")
endif()
message(STATUS "${count} files formatted as .clang-format says")
