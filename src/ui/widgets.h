// Small widget helpers shared by the views.
#pragma once
#include "imgui.h"
#include "xmpp/presence.h"

#include <string>

namespace ui {

// A text input with its label above it. `label` is ours (never untrusted text); `id` keeps
// the ImGui id stable. The registry learns the label and, unless `secret`, the text.
bool labeled_input(const char* label, const char* id, std::string& value, const char* hint = nullptr,
                   ImGuiInputTextFlags flags = 0, bool secret = false);

// The main action of a form: white on blue, full width unless `width` is given.
bool primary_button(const char* label, float width = -FLT_MIN);

// A notice line (info or error) drawn as plain, wrapped text.
void notice_text(bool is_error, const std::string& text);

// Presence as colour and shape (so colour-blind people can tell): filled circle online,
// half-filled away, hollow ring extended away, red bar do-not-disturb, grey ring offline.
void draw_presence(ImDrawList* dl, ImVec2 centre, float radius, xmpp::Show show);
const char* presence_words(xmpp::Show show);

// A small trash can drawn with lines (the font has no icon glyphs).
void draw_trash(ImDrawList* dl, ImVec2 min, ImVec2 max, ImU32 colour);

// A rounded count badge ending at `right`; returns its width.
float draw_badge(ImDrawList* dl, ImVec2 right_centre, int count);

// Untrusted text drawn as data, clipped to `width` with an ellipsis.
void text_clipped(const std::string& text, float width, ImU32 colour = 0);

// A translated label with a fixed ImGui id: "Accedi###login-tab". The id stays when the
// language changes (tabs stay selected, trees open); the registry shows the part before "##".
std::string label_id(const char* label, const char* id);

}  // namespace ui
