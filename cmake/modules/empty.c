/* Our own modules link the library and nothing else: the library needs a
 * translation unit of the module to link into. */
typedef int wf__empty_translation_unit;
