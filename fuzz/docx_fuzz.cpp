// Fuzzes the office readers (core/formats/docxreader.cpp, odtreader.cpp, officepackage.*): any bytes
// as a Word document and as OpenDocument text, zip and XML alike. The seeds store their parts
// uncompressed, so that mutations reach the XML.

#include "formats/officereader.h"
#include "readerfuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const Dossier::Core::DocxReader docx;
    static const Dossier::Core::OdtReader odt;
    if (const int status = Dossier::Fuzz::fuzzReader(docx, data, size); status != 0) {
        return status;
    }
    return Dossier::Fuzz::fuzzReader(odt, data, size);
}
