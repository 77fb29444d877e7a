// The app's views: read app state, keep view-only state, emit intents (architecture.md §6).
#pragma once
#include "app/app.h"

#include <string>
#include <vector>

namespace ui {

// View-only state (what is typed, which tab is open); never in function statics.
struct UiState {
    std::string login_address;
    std::string login_password;
    std::string register_domain;
};

// Draws the whole app for one frame into the full display.
void draw_app(const app::AppState& state, UiState& ui, std::vector<app::Intent>& intents);

// Colours and spacing.
void apply_style();

}  // namespace ui
