# The CMake package of wasm-future. Under emcmake:
#   emcmake cmake -S . -B build -Dwasm_future_DIR=$(npx wasm-future-config --cmake-dir)
#   find_package(wasm_future CONFIG REQUIRED)
#   target_link_libraries(app PRIVATE wasm_future::wf)          # or wasm_future::wf_threads
# (Emscripten's toolchain file keeps find_package inside its sysroot, so
# CMAKE_PREFIX_PATH does not reach this package; wasm_future_DIR does.)
#
# The library is compiled from its sources as part of the project that finds
# it, with that project's compiler: Emscripten promises no ABI between its
# releases, so nothing prebuilt is linked. Targets:
#   wasm_future::wf          the whole C API; on WebAssembly it brings its
#                            JavaScript half (--js-library), its --pre-js and
#                            the link flags it needs, so the module works with
#                            wasm-future/attach
#   wasm_future::wf_threads  the same with the concurrent futures' thread pool,
#                            compiled and linked with -pthread
# Natively (no Emscripten) wasm_future::wf is the C library with threads.
cmake_minimum_required(VERSION 3.13)
include("${CMAKE_CURRENT_LIST_DIR}/wasm_future-sources.cmake")

if(NOT TARGET wasm_future::wf)
  # EXCLUDE_FROM_ALL: a target is built only when something links it, so a
  # project that links wasm_future::wf never compiles the -pthread variant.
  function(_wf_library target)
    add_library(${target} STATIC EXCLUDE_FROM_ALL ${ARGN})
    target_include_directories(${target} PUBLIC "${WF_ROOT}/c/include" PRIVATE "${WF_ROOT}/c/src")
    target_compile_features(${target} PUBLIC c_std_11)
    if(CMAKE_C_COMPILER_ID MATCHES "Clang|GNU")
      target_compile_options(${target} PRIVATE -Wall -Wextra -Wno-unused-parameter)
    endif()
    # The library's assert()s state its invariants. Natively they follow the
    # build type: on in Debug (the tests, the sanitizer runs) and with none
    # (the fuzzer). On WebAssembly they are compiled out whatever the
    # project's build type, as in wasm-future-config's archives: a user's
    # module, Debug or not, gets the library's release size and speed.
    if(EMSCRIPTEN)
      target_compile_definitions(${target} PRIVATE NDEBUG)
    endif()
  endfunction()

  if(EMSCRIPTEN)
    # Links the binding in whatever the user's code calls, so attach always
    # finds it, and the JavaScript half beside it: the module runtime of the
    # variant (generated/runtime*.js, bundled from js/runtime/ by the package's
    # build; WF_BROWSER_MODULE is the package's own browser module), then the
    # C imports that call it.
    function(_wf_link target variant)
      set(_runtime "${WF_ROOT}/c/src/binding/generated/${variant}.js")
      target_link_options(${target} INTERFACE
        "LINKER:--undefined=wf__js_bind"
        "SHELL:--js-library \"${_runtime}\""
        "SHELL:--js-library \"${WF_ROOT}/c/src/binding/library.js\""
        "SHELL:--pre-js \"${WF_ROOT}/c/src/binding/pre.js\"")
      set_property(TARGET ${target} APPEND PROPERTY INTERFACE_LINK_DEPENDS
        "${_runtime}" "${WF_ROOT}/c/src/binding/library.js" "${WF_ROOT}/c/src/binding/pre.js")
    endfunction()

    _wf_library(wasm_future_wf ${WF_SOURCES_all} ${WF_SOURCES_wasm})
    if(WF_BROWSER_MODULE)
      _wf_link(wasm_future_wf runtime-browser)
    else()
      _wf_link(wasm_future_wf runtime)
    endif()

    _wf_library(wasm_future_wf_threads
      ${WF_SOURCES_all} ${WF_SOURCES_threads} ${WF_SOURCES_wasm} ${WF_SOURCES_wasm-threads})
    target_compile_definitions(wasm_future_wf_threads PUBLIC WF_THREADS)
    target_compile_options(wasm_future_wf_threads PUBLIC -pthread)
    target_link_options(wasm_future_wf_threads INTERFACE -pthread)
    _wf_link(wasm_future_wf_threads runtime-threads)
    add_library(wasm_future::wf_threads ALIAS wasm_future_wf_threads)
  else()
    find_package(Threads REQUIRED)
    _wf_library(wasm_future_wf ${WF_SOURCES_all} ${WF_SOURCES_threads} ${WF_SOURCES_native})
    target_compile_definitions(wasm_future_wf PUBLIC WF_THREADS)
    target_link_libraries(wasm_future_wf PUBLIC m Threads::Threads)
  endif()
  add_library(wasm_future::wf ALIAS wasm_future_wf)
endif()
set(wasm_future_FOUND TRUE)
