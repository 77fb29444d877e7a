// Dear ImGui configuration shared by every translation unit (one set of IMGUI_* defines,
// or IMGUI_CHECKVERSION() aborts with "Mismatched struct layout").
#pragma once
#define IMGUI_DISABLE_OBSOLETE_FUNCTIONS
#define IMGUI_DISABLE_DEMO_WINDOWS
#define IMGUI_DISABLE_DEBUG_TOOLS
#define IMGUI_DISABLE_DEFAULT_SHELL_FUNCTIONS
#define IMGUI_ENABLE_TEST_ENGINE  // item hooks feed the widget registry (src/ui/widget_registry.cpp)
#define IMGUI_USE_WCHAR32         // text beyond the BMP (emoji) survives typing and pasting
#ifdef __EMSCRIPTEN__
#define IMGUI_DISABLE_FILE_FUNCTIONS  // no files in the browser (IniFilename is null): ~3 KB less wasm
#endif
