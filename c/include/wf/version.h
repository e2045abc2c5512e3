/* The library's version, and the version of the contract between its C half
 * and JavaScript (the memory layout and entry points that
 * wasm-future/attach reads). attach refuses a module whose ABI version is
 * not its own. */
#ifndef WF_VERSION_H
#define WF_VERSION_H

#define WF_VERSION_MAJOR 0
#define WF_VERSION_MINOR 3
#define WF_VERSION_PATCH 0
#define WF_ABI_VERSION 8

#endif
