// KeyboardEvent.code to ImGuiKey. `code` names the physical key, so shortcuts such as
// Ctrl+A work whatever the keyboard layout; text comes separately from the textarea.
#include "web/platform.h"

#include <cstring>

namespace web {

namespace {
struct KeyName {
    const char* code;
    ImGuiKey key;
};
constexpr KeyName kNamedKeys[] = {
    {"Tab", ImGuiKey_Tab}, {"ArrowLeft", ImGuiKey_LeftArrow}, {"ArrowRight", ImGuiKey_RightArrow},
    {"ArrowUp", ImGuiKey_UpArrow}, {"ArrowDown", ImGuiKey_DownArrow}, {"PageUp", ImGuiKey_PageUp},
    {"PageDown", ImGuiKey_PageDown}, {"Home", ImGuiKey_Home}, {"End", ImGuiKey_End}, {"Insert", ImGuiKey_Insert},
    {"Delete", ImGuiKey_Delete}, {"Backspace", ImGuiKey_Backspace}, {"Space", ImGuiKey_Space},
    {"Enter", ImGuiKey_Enter}, {"NumpadEnter", ImGuiKey_KeypadEnter}, {"Escape", ImGuiKey_Escape},
    {"ControlLeft", ImGuiKey_LeftCtrl}, {"ControlRight", ImGuiKey_RightCtrl}, {"ShiftLeft", ImGuiKey_LeftShift},
    {"ShiftRight", ImGuiKey_RightShift}, {"AltLeft", ImGuiKey_LeftAlt}, {"AltRight", ImGuiKey_RightAlt},
    {"MetaLeft", ImGuiKey_LeftSuper}, {"MetaRight", ImGuiKey_RightSuper}, {"ContextMenu", ImGuiKey_Menu},
    {"Quote", ImGuiKey_Apostrophe}, {"Comma", ImGuiKey_Comma}, {"Minus", ImGuiKey_Minus}, {"Period", ImGuiKey_Period},
    {"Slash", ImGuiKey_Slash}, {"Semicolon", ImGuiKey_Semicolon}, {"Equal", ImGuiKey_Equal},
    {"BracketLeft", ImGuiKey_LeftBracket}, {"Backslash", ImGuiKey_Backslash}, {"BracketRight", ImGuiKey_RightBracket},
    {"Backquote", ImGuiKey_GraveAccent}, {"CapsLock", ImGuiKey_CapsLock}, {"ScrollLock", ImGuiKey_ScrollLock},
    {"NumLock", ImGuiKey_NumLock}, {"PrintScreen", ImGuiKey_PrintScreen}, {"Pause", ImGuiKey_Pause},
    {"NumpadDecimal", ImGuiKey_KeypadDecimal}, {"NumpadDivide", ImGuiKey_KeypadDivide},
    {"NumpadMultiply", ImGuiKey_KeypadMultiply}, {"NumpadSubtract", ImGuiKey_KeypadSubtract},
    {"NumpadAdd", ImGuiKey_KeypadAdd}, {"NumpadEqual", ImGuiKey_KeypadEqual},
};
}  // namespace

ImGuiKey key_from_code(const char* code) {
    if (!code) return ImGuiKey_None;
    size_t n = std::strlen(code);
    if (n == 4 && std::strncmp(code, "Key", 3) == 0 && code[3] >= 'A' && code[3] <= 'Z')
        return static_cast<ImGuiKey>(ImGuiKey_A + (code[3] - 'A'));
    if (n == 6 && std::strncmp(code, "Digit", 5) == 0 && code[5] >= '0' && code[5] <= '9')
        return static_cast<ImGuiKey>(ImGuiKey_0 + (code[5] - '0'));
    if (n == 7 && std::strncmp(code, "Numpad", 6) == 0 && code[6] >= '0' && code[6] <= '9')
        return static_cast<ImGuiKey>(ImGuiKey_Keypad0 + (code[6] - '0'));
    if ((n == 2 || n == 3) && code[0] == 'F' && code[1] >= '1' && code[1] <= '9') {
        int f = n == 2 ? code[1] - '0' : (code[1] - '0') * 10 + (code[2] - '0');
        if (f >= 1 && f <= 12) return static_cast<ImGuiKey>(ImGuiKey_F1 + (f - 1));
    }
    for (const KeyName& k : kNamedKeys)
        if (std::strcmp(code, k.code) == 0) return k.key;
    return ImGuiKey_None;
}

}  // namespace web
