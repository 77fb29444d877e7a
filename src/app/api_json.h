// The JavaScript API's view of the app: events and state as JSON (see README, window.parla).
#pragma once
#include "app/account.h"
#include "xmpp/events.h"

#include <string>

namespace app {

// {"type":"message","id":...} — one object per event; field names in README.
std::string event_json(const xmpp::Event& event);
// {"connection":"online","jid":...,"error":...,"roster":[...],"requests":[...]}
std::string state_json(const Account& account);

}  // namespace app
