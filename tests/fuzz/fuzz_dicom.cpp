// libFuzzer harness: DICOM header and full read (DCMTK + our pixel decoding), then the
// thumbnail and the de-identification that import applies.
#include "FuzzSupport.h"
#include "io/DicomReader.h"
#include "privacy/Deidentifier.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const QString path = medq::fuzz::scratchPath(".dcm");
    static const medq::privacy::Deidentifier deidentifier({-400, QByteArray("fuzz secret")});
    if (!medq::fuzz::writeScratch(path, data, size)) return 0;
    (void)medq::DicomReader::readHeader(path);
    auto image = medq::DicomReader::readFile(path);
    if (image.ok()) {
        medq::fuzz::exerciseImage(image.value());
        (void)deidentifier.apply(image.value().metadata);
    }
    return 0;
}
