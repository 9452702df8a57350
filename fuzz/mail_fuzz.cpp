// Fuzzes the e-mail and web archive readers (core/formats/mailreader.*): GMime's parsing of any
// bytes as a message, a mailbox or an MHTML page, then decoding, cleaning and metadata of its text.

#include "formats/mailreader.h"
#include "readerfuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const Dossier::Core::MailReader mail;
    static const Dossier::Core::MhtmlReader mhtml;
    const int mailResult = Dossier::Fuzz::fuzzReader(mail, data, size);
    return mailResult != 0 ? mailResult : Dossier::Fuzz::fuzzReader(mhtml, data, size);
}
