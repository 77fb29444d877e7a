// Small widget helpers shared by the views.
#pragma once
#include "imgui.h"

#include <string>

namespace ui {

// A text input with its label above it. `label` is ours (never untrusted text); `id` keeps
// the ImGui id stable. The registry learns the label and, unless `secret`, the text.
bool labeled_input(const char* label, const char* id, std::string& value, const char* hint = nullptr,
                   ImGuiInputTextFlags flags = 0, bool secret = false);

// The main action of a form: full width, white on blue.
bool primary_button(const char* label);

// A notice line (info or error) drawn as plain, wrapped text.
void notice_text(bool is_error, const std::string& text);

}  // namespace ui
