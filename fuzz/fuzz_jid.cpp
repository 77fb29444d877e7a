// libFuzzer: xmpp::Jid::parse on arbitrary bytes, and what a parsed JID promises:
//   - a valid JID has a domain, and no part longer than 1023 bytes (RFC 7622 §3.1);
//   - normalising is idempotent: parse(full()) and parse(bare()) give the same JID back,
//     and full() of that is the same text.
// A broken promise traps (FUZZ_CHECK), a crash libFuzzer reports as it does ASan/UBSan findings.
#include "xmpp/jid.h"

#include "fuzz_check.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const xmpp::JidResult r = xmpp::Jid::parse(text);
    if (!r.ok()) {
        FUZZ_CHECK(!r.message.empty());  // every refusal has a sentence for the person
        return 0;
    }
    const xmpp::Jid& jid = r.jid;
    FUZZ_CHECK(r.message.empty());
    FUZZ_CHECK(!jid.domain.empty());
    FUZZ_CHECK(jid.local.size() <= 1023 && jid.domain.size() <= 1023 && jid.resource.size() <= 1023);

    const std::string full = jid.full();
    const xmpp::JidResult again = xmpp::Jid::parse(full);
    FUZZ_CHECK(again.ok());
    FUZZ_CHECK(again.jid == jid);
    FUZZ_CHECK(again.jid.full() == full);

    const xmpp::JidResult bare = xmpp::Jid::parse(jid.bare());
    FUZZ_CHECK(bare.ok());
    FUZZ_CHECK(bare.jid == jid.bare_jid());
    FUZZ_CHECK(bare.jid.is_bare());
    return 0;
}
