// Small widget helpers shared by the views.
#include "ui/widgets.h"

#include "imgui_stdlib.h"
#include "ui/widget_registry.h"

namespace ui {

bool labeled_input(const char* label, const char* id, std::string& value, const char* hint, ImGuiInputTextFlags flags,
                   bool secret) {
    ImGui::TextUnformatted(label);
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (secret) flags |= ImGuiInputTextFlags_Password;
    bool entered = hint ? ImGui::InputTextWithHint(id, hint, &value, flags) : ImGui::InputText(id, &value, flags);
    widget_registry().annotate_last_item(label, secret ? nullptr : &value);
    return entered;
}

bool primary_button(const char* label) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
    bool pressed = ImGui::Button(label, ImVec2(-FLT_MIN, 0));
    ImGui::PopStyleColor();
    return pressed;
}

void notice_text(bool is_error, const std::string& text) {
    if (text.empty()) return;
    ImVec4 colour = is_error ? ImVec4(0.75f, 0.10f, 0.10f, 1.0f) : ImGui::GetStyleColorVec4(ImGuiCol_Text);
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(text.c_str(), text.c_str() + text.size());
    widget_registry().add_text_item(is_error ? "error" : "notice", text);
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
}

}  // namespace ui
