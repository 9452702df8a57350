// Fuzzes the markdown reader (core/formats/markdownreader.*): decoding, cleaning and metadata of any bytes.

#include "formats/markdownreader.h"
#include "readerfuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const Dossier::Core::MarkdownReader reader;
    return Dossier::Fuzz::fuzzReader(reader, data, size);
}
