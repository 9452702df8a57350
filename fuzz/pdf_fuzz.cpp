// Fuzzes the PDF reader (core/formats/pdfreader.*, pdflayout.*): Poppler's parsing and our layout
// rebuilding of any bytes.

#include "formats/pdfreader.h"
#include "readerfuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const Dossier::Core::PdfReader reader;
    return Dossier::Fuzz::fuzzReader(reader, data, size);
}
