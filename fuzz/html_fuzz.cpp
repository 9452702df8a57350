// Fuzzes the html reader (core/formats/htmlreader.*): decoding, cleaning and metadata of any bytes.

#include "formats/htmlreader.h"
#include "readerfuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const Dossier::Core::HtmlReader reader;
    return Dossier::Fuzz::fuzzReader(reader, data, size);
}
