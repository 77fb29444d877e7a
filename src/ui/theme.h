// Light and dark colours: ImGui's style plus the colours the views draw with.
#pragma once
#include "imgui.h"

namespace ui {

struct Palette {
    bool dark = false;
    ImU32 own_bubble, their_bubble, mention_bubble;
    ImU32 own_name, their_name;       // who wrote a message
    ImU32 link, link_hover;
    ImU32 error;                      // error text, a field an error names
    ImU32 danger, danger_hover;       // destructive buttons, close/trash hover
    ImU32 private_note;               // a group's private chat banner
    ImU32 good, fair, poor;           // score bar, presence colours
    ImU32 check_good, check_bad;      // score reasons
    ImU32 track;                      // the score bar's empty part
    ImU32 badge;                      // unread count
    ImU32 offline;                    // presence ring
};

const Palette& palette();
// Metrics and colours for the whole UI (light or dark).
void apply_style(bool dark = false);

}  // namespace ui
