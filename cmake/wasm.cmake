# The WebAssembly build: one module with the core, the JS entry points and the
# C example, loaded by js/loader.js. Emscripten's glue is a classic script
# (MODULARIZE); scripts/build.mjs wraps it for ESM and CommonJS.
add_executable(wasm_future
  ${WF_CORE_SOURCES}
  c/src/platform-wasm.c
  c/src/js-api.c
  examples/transform.c)
target_include_directories(wasm_future PRIVATE c/include c/src)
set_target_properties(wasm_future PROPERTIES OUTPUT_NAME "wasm-future" SUFFIX ".js")
target_compile_options(wasm_future PRIVATE -Os)
target_link_options(wasm_future PRIVATE
  -Os
  --no-entry
  -sMODULARIZE=1
  -sEXPORT_NAME=createWasmFuture
  -sENVIRONMENT=web,worker
  -sFILESYSTEM=0
  -sMALLOC=emmalloc
  -sALLOW_MEMORY_GROWTH=1
  -sWASM_BIGINT=1
  -sSUPPORT_ERRNO=0
  -sEXPORTED_FUNCTIONS=_malloc,_free,_wf_loop_default,_wf_future_retain,_wf_future_release,_wf_future_get_loop,_wf_future_list_free,_wf_loop_time,_wf_loop_drain_count,_wf_loop_run_once,_wf_loop_fire_timers,_wf_loop_set_budget,_wf_handle_cancel,_wf_handle_cancelled,_wf_handle_release,_wf_strerror,_wf_err_name)
