// Fuzzes the text reader (core/formats/textreader.*): decoding, cleaning and metadata of any bytes.

#include "formats/textreader.h"
#include "readerfuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const Dossier::Core::TextReader reader;
    return Dossier::Fuzz::fuzzReader(reader, data, size);
}
