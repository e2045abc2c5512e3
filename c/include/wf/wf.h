/* wasm-future: asyncio futures in C, awaitable from JavaScript. */
#ifndef WF_WF_H
#define WF_WF_H

#include "wf/combinators.h"
#include "wf/errors.h"
#include "wf/future.h"
#include "wf/loop.h"
#include "wf/value.h"
#include "wf/version.h"

#endif
