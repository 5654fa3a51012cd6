#pragma once
// Files like a site's, written for benchmarks: 512x512 12-bit CT slices as DICOM and 1024x768
// JPEG photographs, and an untrained model of a preset (throughput does not depend on the
// weights).
#include "model/ComputeDevice.h"
#include "model/QualityModel.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <algorithm>
#include <cmath>
#include <random>

namespace medq::bench {

inline void writeCtSlice(const QString& path, int index, std::mt19937& rng) {
    DcmFileFormat ff;
    DcmDataset* ds = ff.getDataset();
    char uid[100];
    ds->putAndInsertString(DCM_SOPClassUID, UID_CTImageStorage);
    ds->putAndInsertString(DCM_SOPInstanceUID, dcmGenerateUniqueIdentifier(uid, SITE_INSTANCE_UID_ROOT));
    ds->putAndInsertString(DCM_SeriesInstanceUID, "1.2.826.0.1.3680043.9.7777.8.1");
    ds->putAndInsertString(DCM_Modality, "CT");
    ds->putAndInsertUint16(DCM_Rows, 512);
    ds->putAndInsertUint16(DCM_Columns, 512);
    ds->putAndInsertUint16(DCM_SamplesPerPixel, 1);
    ds->putAndInsertString(DCM_PhotometricInterpretation, "MONOCHROME2");
    ds->putAndInsertUint16(DCM_BitsAllocated, 16);
    ds->putAndInsertUint16(DCM_BitsStored, 12);
    ds->putAndInsertUint16(DCM_HighBit, 11);
    ds->putAndInsertUint16(DCM_PixelRepresentation, 0);
    ds->putAndInsertString(DCM_RescaleIntercept, "-1024");
    ds->putAndInsertString(DCM_RescaleSlope, "1");
    ds->putAndInsertString(DCM_PixelSpacing, "0.7\\0.7");
    std::normal_distribution<float> noise(0.0f, 20.0f);
    std::vector<Uint16> pixels(512 * 512);
    for (int y = 0; y < 512; ++y)
        for (int x = 0; x < 512; ++x) {
            const float r = std::hypot(x - 256.0f, y - 256.0f);
            const float body = r < 200 + index % 20 ? 1064.0f : 24.0f;  // soft tissue in air
            pixels[std::size_t(y * 512 + x)] = Uint16(std::clamp(body + noise(rng), 0.0f, 4095.0f));
        }
    ds->putAndInsertUint16Array(DCM_PixelData, pixels.data(), pixels.size());
    ff.saveFile(QFile::encodeName(path).constData(), EXS_LittleEndianExplicit);
}

inline void writePhoto(const QString& path, int index, std::mt19937& rng) {
    QImage img(1024, 768, QImage::Format_RGB888);
    std::uniform_int_distribution<int> noise(0, 30);
    for (int y = 0; y < img.height(); ++y)
        for (int x = 0; x < img.width(); ++x)
            img.setPixel(x, y, qRgb(150 + noise(rng), 60 + (x + index) % 60, 30 + y % 40));
    img.save(path, "JPEG", 90);
}

inline double rate(std::size_t n, const QElapsedTimer& clock) { return double(n) / (clock.nsecsElapsed() / 1e9); }

// A freshly initialised model of `preset` with a small tokenizer; threads <= 0: the preset's.
inline Result<model::QualityModel> untrainedModel(const QString& preset, int threads) {
    auto config = model::ModelConfig::fromPreset(preset);
    if (!config) return config.error();
    if (threads > 0) config.value().threads = threads;
    model::setComputeThreads(config.value().threads);
    QStringList corpus;
    for (int i = 0; i < 400; ++i)
        corpus << QStringLiteral("mild noise %1 overall the quality of this image is usable").arg(i);
    auto tokenizer = model::Tokenizer::train(corpus, 200);
    if (!tokenizer) return tokenizer.error();
    return model::QualityModel::create(config.value(), tokenizer.value());
}

}  // namespace medq::bench
