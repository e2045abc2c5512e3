# The WebAssembly builds, loaded by js/loader.js (wasm-future) and
# js/threads.js (wasm-future/threads). Emscripten's glue is a classic script
# (MODULARIZE); scripts/build.mjs wraps it for ESM and CommonJS.
set(WF_WASM_OPTIONS
  -Os
  --no-entry
  -sMODULARIZE=1
  -sFILESYSTEM=0
  -sWASM_BIGINT=1
  -sSUPPORT_ERRNO=0)

# wasm-future: single-threaded, small.
add_executable(wasm_future
  ${WF_CORE_SOURCES}
  c/src/platform-wasm.c
  c/src/js-api.c
  c/src/task-js.c
  examples/transform.c)
target_include_directories(wasm_future PRIVATE c/include c/src)
set_target_properties(wasm_future PROPERTIES OUTPUT_NAME "wasm-future" SUFFIX ".js")
target_compile_options(wasm_future PRIVATE -Os)
target_link_options(wasm_future PRIVATE
  ${WF_WASM_OPTIONS}
  -sEXPORT_NAME=createWasmFuture
  -sENVIRONMENT=web,worker
  -sMALLOC=emmalloc
  -sALLOW_MEMORY_GROWTH=1
  -sEXPORTED_FUNCTIONS=_malloc,_free,_wf_loop_default,_wf_future_retain,_wf_future_release,_wf_future_get_loop,_wf_future_list_free,_wf_loop_time,_wf_loop_drain_count,_wf_loop_run_once,_wf_loop_fire_timers,_wf_loop_set_budget,_wf_handle_cancel,_wf_strerror,_wf_err_name,_wf_task_count,_wf_task_find,_wf_cfuture_release)

# wasm-future/threads: the thread pool on Emscripten pthreads (Web Workers,
# worker_threads); it needs SharedArrayBuffer.
add_executable(wasm_future_threads
  ${WF_CORE_SOURCES}
  ${WF_THREAD_SOURCES}
  c/src/platform-wasm.c
  c/src/task-js.c
  c/src/pool-js.c)
target_include_directories(wasm_future_threads PRIVATE c/include c/src)
target_compile_definitions(wasm_future_threads PRIVATE WF_THREADS)
set_target_properties(wasm_future_threads PROPERTIES OUTPUT_NAME "wasm-future-threads" SUFFIX ".js")
target_compile_options(wasm_future_threads PRIVATE -Os -pthread)
target_link_options(wasm_future_threads PRIVATE
  ${WF_WASM_OPTIONS}
  -pthread
  -sEXPORT_NAME=createWasmFutureThreads
  -sENVIRONMENT=web,worker,node
  -sNODEJS_CATCH_EXIT=0
  -sNODEJS_CATCH_REJECTION=0
  -sINITIAL_MEMORY=67108864
  -sEXPORTED_FUNCTIONS=_malloc,_free,_wf_task_count,_wf_task_find,_wf_cfuture_release,_wf_cfuture_state_of,_wf_executor_shutdown,_wf_executor_free,_wf_executor_workers)
