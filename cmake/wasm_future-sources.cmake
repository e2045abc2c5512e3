# Reads c/sources.txt, the one list of the library's sources, into
# WF_SOURCES_<build> (all, threads, native, wasm, wasm-threads) as absolute
# paths.
get_filename_component(_wf_root "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)
file(STRINGS "${_wf_root}/c/sources.txt" _wf_lines REGEX "^[a-z,-]+ [^ ]+$")
foreach(_wf_build all threads native wasm wasm-threads)
  set(WF_SOURCES_${_wf_build})
endforeach()
foreach(_wf_line IN LISTS _wf_lines)
  string(REGEX MATCH "^([a-z,-]+) (.+)$" _wf_match "${_wf_line}")
  string(REPLACE "," ";" _wf_builds "${CMAKE_MATCH_1}")
  foreach(_wf_build IN LISTS _wf_builds)
    list(APPEND WF_SOURCES_${_wf_build} "${_wf_root}/c/src/${CMAKE_MATCH_2}")
  endforeach()
endforeach()
set(WF_ROOT "${_wf_root}")
