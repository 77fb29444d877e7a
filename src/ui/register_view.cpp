// The provider's registration form (XEP-0077 legacy fields or a XEP-0004 data form).
// Everything in it comes from the provider: drawn as text, never as labels or formats.
#include "imgui.h"
#include "imgui_stdlib.h"
#include "ui/app_view.h"
#include "ui/widget_registry.h"
#include "ui/widgets.h"

#include <algorithm>
#include <cstdio>

namespace ui {

using app::fmt;
using app::N_;
using app::tr;

namespace {

const char* legacy_label(const std::string& name) {
    struct Row {
        const char* name;
        const char* label;
    };
    static const Row rows[] = {{"username", N_("Name")}, {"password", N_("Password")}, {"email", N_("E-mail")},
                               {"name", N_("Full name")}, {"first", N_("First name")}, {"last", N_("Last name")},
                               {"nick", N_("Nickname")}, {"phone", N_("Phone")}, {"city", N_("City")}, {"url", N_("Web site")}};
    for (const Row& r : rows)
        if (name == r.name) return tr(r.label);
    return nullptr;
}

// True when `value` (lines) holds the line `line`.
bool has_line(const std::string& value, const std::string& line) {
    std::size_t start = 0;
    while (start <= value.size()) {
        std::size_t end = value.find('\n', start);
        if (end == std::string::npos) end = value.size();
        if (value.compare(start, end - start, line) == 0) return true;
        start = end + 1;
    }
    return false;
}

// A field label: ours for known names, else the provider's (as registry data only).
void field_label(const std::string& text, bool required, bool named_by_error) {
    if (named_by_error) ImGui::PushStyleColor(ImGuiCol_Text, palette().error);
    ImGui::TextUnformatted(text.c_str());
    if (required) {
        ImGui::SameLine(0, 2);
        ImGui::TextUnformatted("*");
    }
    if (named_by_error) ImGui::PopStyleColor();
}

// One text input; `name` is the registry label (may come from the provider: data, not a label).
bool text_input(const std::string& name, const std::string& id, std::string& value, bool secret, bool multiline) {
    ImGui::PushID(id.c_str());
    ImGui::SetNextItemWidth(-FLT_MIN);
    bool changed = multiline ? ImGui::InputTextMultiline("##v", &value, ImVec2(-FLT_MIN, ImGui::GetTextLineHeight() * 4))
                             : ImGui::InputText("##v", &value, secret ? ImGuiInputTextFlags_Password : 0);
    widget_registry().annotate_last_item(name, secret ? nullptr : &value);
    ImGui::PopID();
    return changed;
}

// The name field reads "[handle] @domain".
void username_input(const app::AppState& state, UiState& ui, const std::string& key, bool error) {
    field_label(tr("Your name at this provider"), true, error);
    std::string suffix = "@" + state.registration_domain;
    float suffix_w = ImGui::CalcTextSize(suffix.c_str()).x;
    ImGui::PushID(key.c_str());
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - suffix_w - 8);
    ImGui::InputTextWithHint("##v", "giulietta", &ui.register_values[key]);
    widget_registry().annotate_last_item(tr("Your name at this provider"), &ui.register_values[key]);
    ImGui::SameLine();
    ImGui::TextUnformatted(suffix.c_str());
    ImGui::PopID();
}

// Password with confirmation and a strength hint.
void password_inputs(UiState& ui, const std::string& key, bool error) {
    field_label(tr("Password"), true, error);
    std::string& pw = ui.register_values[key];
    text_input(tr("Password"), key, pw, true, false);
    field_label(tr("Password again"), true, false);
    text_input(tr("Password again"), key + "#again", ui.register_password_again, true, false);
    if (!pw.empty()) {
        int classes = 0;
        bool lower = false, upper = false, digit = false, other = false;
        for (unsigned char c : pw) {
            lower |= c >= 'a' && c <= 'z';
            upper |= c >= 'A' && c <= 'Z';
            digit |= c >= '0' && c <= '9';
            other |= !(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9');
        }
        classes = lower + upper + digit + other;
        const char* hint = pw.size() < 8                      ? tr("Too short: use at least 8 characters.")
                           : pw.size() >= 14 || classes >= 3 ? tr("Strong enough.")
                                                             : tr("Fair: longer, or mixing letters, digits and signs, is better.");
        ImGui::TextDisabled("%s", hint);
    }
    if (!ui.register_password_again.empty() && ui.register_password_again != pw)
        notice_text(true, tr("The two passwords differ."));
}

// A XEP-0221 picture carried as XEP-0231 bits of binary (cid:); other URIs are not fetched
// (loading a picture from elsewhere would tell that site who is registering).
void draw_media(const xmpp::MediaElement& media, const xmpp::RegistrationForm& form, UiState& ui) {
    for (const xmpp::MediaUri& u : media.uris) {
        const xmpp::BobData* bob = form.find_bob(xmpp::cid_of_uri(u.uri));
        if (!bob) continue;
        Image img = ui.images ? ui.images->get(bob->cid, bob->bytes, bob->type) : Image{};
        if (img.texture) {
            float scale = std::min(1.0f, ImGui::GetContentRegionAvail().x / std::max(1.0f, img.width));
            ImGui::Image(img.texture, ImVec2(img.width * scale, img.height * scale));
            widget_registry().add_text_item("picture", bob->cid);
        } else {
            ImGui::TextDisabled("%s", img.failed || !ui.images ? tr("The picture could not be shown.") : tr("Loading the picture…"));
        }
        return;
    }
    ImGui::TextDisabled("%s", tr("This field refers to a picture the provider did not send."));
}

void draw_data_form(const app::AppState& state, const xmpp::DataForm& form, UiState& ui) {
    const xmpp::RegistrationForm& form_bob = *state.registration_form;
    if (!form.instructions.empty()) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(form.instructions.c_str());
        ImGui::PopTextWrapPos();
    }
    for (const xmpp::FormField& f : form.fields) {
        if (f.type == "hidden") continue;
        bool error = !state.registration_field.empty() && state.registration_field == f.var;
        if (f.var == "username") {
            username_input(state, ui, f.var, error);
            continue;
        }
        if (f.var == "password") {
            password_inputs(ui, f.var, error);
            continue;
        }
        std::string label = f.label.empty() ? f.var : f.label;
        std::string& value = ui.register_values[f.var];
        if (f.type == "fixed") {
            ImGui::PushTextWrapPos(0.0f);
            for (const std::string& v : f.values) ImGui::TextUnformatted(v.c_str());
            ImGui::PopTextWrapPos();
            continue;
        }
        if (f.type == "boolean") {
            ImGui::PushID(f.var.c_str());
            bool on = value == "1" || value == "true";
            if (ImGui::Checkbox("##v", &on)) value = std::string(1, on ? '1' : '0');
            widget_registry().annotate_last_item(label, nullptr, "checkbox");
            ImGui::SameLine();
            field_label(label, f.required, error);
            ImGui::PopID();
        } else if (f.type == "list-single" || f.type == "list-multi") {
            field_label(label, f.required, error);
            ImGui::PushID(f.var.c_str());
            for (std::size_t i = 0; i < f.options.size(); ++i) {
                const xmpp::FormOption& o = f.options[i];
                ImGui::PushID(static_cast<int>(i));
                bool picked = has_line(value, o.value);
                if (ImGui::Checkbox("##o", &picked)) {
                    if (f.type == "list-single") value = picked ? o.value : "";
                    else {
                        std::string out;
                        for (const xmpp::FormOption& p : f.options) {
                            bool on = (&p == &o) ? picked : has_line(value, p.value);
                            if (!on) continue;
                            if (!out.empty()) out += '\n';
                            out += p.value;
                        }
                        value = out;
                    }
                }
                std::string option = o.label.empty() ? o.value : o.label;
                widget_registry().annotate_last_item(option, nullptr, "checkbox");
                ImGui::SameLine();
                ImGui::TextUnformatted(option.c_str());
                ImGui::PopID();
            }
            ImGui::PopID();
        } else {
            field_label(label, f.required, error);
            if (f.media) draw_media(*f.media, form_bob, ui);  // the picture above its answer
            text_input(label, f.var, value, f.type == "text-private", f.type == "text-multi" || f.type == "jid-multi");
        }
        if (!f.desc.empty()) {
            ImGui::PushTextWrapPos(0.0f);
            ImGui::TextDisabled("%s", f.desc.c_str());  // a fixed format: the text is an argument
            ImGui::PopTextWrapPos();
        }
    }
}

// The coloured bar: how safe this provider looks from here, and why.
void draw_score(const app::ProviderScore& score, UiState& ui) {
    ImU32 colour = score.level == app::ProviderScore::Level::Green   ? palette().good
                   : score.level == app::ProviderScore::Level::Amber ? palette().fair
                                                                     : palette().poor;
    const char* verdict = score.level == app::ProviderScore::Level::Green   ? tr("good")
                          : score.level == app::ProviderScore::Level::Amber ? tr("fair")
                                                                            : tr("poor: better avoid it");
    std::string title_text = fmt(tr("Security score {0}/100, {1}"), score.points, verdict);
    const char* title = title_text.c_str();
    // The title and bar are one button: clicking lists every criterion and why it matters.
    ImVec2 p = ImGui::GetCursorScreenPos();
    float w = ImGui::GetContentRegionAvail().x, h = ImGui::GetTextLineHeight() * 0.6f;
    float line = ImGui::GetTextLineHeightWithSpacing();
    if (ImGui::InvisibleButton("##score", ImVec2(w, line + h + 2))) ui.score_open = !ui.score_open;
    widget_registry().annotate_last_item(tr("Security score"), nullptr, "button");
    widget_registry().add_text_item("score", title);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddText(p, ImGui::GetColorU32(ImGuiCol_Text), title);
    const char* more = ui.score_open ? tr("hide why") : tr("why?");
    float more_w = ImGui::CalcTextSize(more).x;
    dl->AddText(ImVec2(p.x + w - more_w, p.y), palette().link, more);
    ImVec2 b(p.x, p.y + line);
    dl->AddRectFilled(b, ImVec2(b.x + w, b.y + h), palette().track, h * 0.5f);
    dl->AddRectFilled(b, ImVec2(b.x + w * static_cast<float>(score.points) / 100.0f, b.y + h), colour, h * 0.5f);
    if (!ui.score_open) {
        ImGui::Spacing();
        return;
    }
    for (const app::ScoreCheck& c : score.checks) {
        ImGui::PushStyleColor(ImGuiCol_Text, c.good ? palette().check_good : palette().check_bad);
        ImGui::TextUnformatted(c.good ? "\u2713" : "\u2715");
        ImGui::PopStyleColor();
        ImGui::SameLine();
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(c.text.c_str());
        widget_registry().add_text_item(c.good ? "check-pass" : "check-fail", c.text);
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetColorU32(ImGuiCol_TextDisabled));
        ImGui::TextUnformatted(c.why.c_str());
        ImGui::PopStyleColor();
        ImGui::PopTextWrapPos();
    }
    ImGui::Spacing();
}

}  // namespace

void draw_registration_form(const app::AppState& state, UiState& ui, std::vector<app::Intent>& intents) {
    const xmpp::RegistrationForm& form = *state.registration_form;
    if (ui.register_form_serial != state.registration_form_serial) {  // a new form: start from its values
        ui.register_form_serial = state.registration_form_serial;
        std::map<std::string, std::string> kept = ui.register_values;
        ui.register_values = form.legacy_values;
        if (form.form)
            for (const xmpp::FormField& f : form.form->fields) {
                std::string v;
                for (const std::string& x : f.values) {
                    if (!v.empty()) v += '\n';
                    v += x;
                }
                ui.register_values[f.var] = v;
            }
        for (const char* keep : {"username", "password"})  // a new CAPTCHA keeps what was typed
            if (kept.count(keep) && !kept[keep].empty()) ui.register_values[keep] = kept[keep];
    }
    draw_score(state.registration_score, ui);
    if (form.registered) ImGui::TextDisabled("%s", tr("You are already registered here."));
    if (form.redirect_url) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(tr("This provider registers new accounts on its web site:"));
        ImGui::PopTextWrapPos();
        if (ImGui::Button(tr("Register on the provider's web site"))) intents.push_back(app::OpenLink{*form.redirect_url});
        ImGui::TextDisabled("%s", form.redirect_url->c_str());
    }
    if (!form.in_band()) return;
    if (form.form) {
        draw_data_form(state, *form.form, ui);
    } else {
        if (!form.instructions.empty()) {
            ImGui::PushTextWrapPos(0.0f);
            ImGui::TextUnformatted(form.instructions.c_str());
            ImGui::PopTextWrapPos();
        }
        for (const std::string& name : form.legacy_fields) {
            bool error = state.registration_field == name;
            if (name == "username") username_input(state, ui, name, error);
            else if (name == "password") password_inputs(ui, name, error);
            else {
                const char* ours = legacy_label(name);
                std::string label = ours ? ours : name;
                field_label(label, true, error);
                text_input(label, name, ui.register_values[name], false, false);
            }
        }
    }
    ImGui::Spacing();
    bool mismatch = ui.register_values.count("password") && ui.register_password_again != ui.register_values["password"];
    ImGui::BeginDisabled(mismatch);
    if (primary_button(tr("Register"))) intents.push_back(app::SubmitRegistration{ui.register_values});
    ImGui::EndDisabled();
}

}  // namespace ui
