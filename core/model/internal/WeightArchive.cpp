#include <torch/torch.h>

#include "model/internal/WeightArchive.h"

#include <map>
#include <sstream>

namespace medq::model::internal {

namespace {
QString shapeText(const torch::Tensor& t) {
    QStringList dims;
    for (int64_t d : t.sizes()) dims << QString::number(d);
    return QStringLiteral("[%1]").arg(dims.join(", "));
}
}  // namespace

QString firstLine(const char* what) { return QString::fromUtf8(what).section(QLatin1Char('\n'), 0, 0); }

Result<QByteArray> serializeArchive(const std::function<void(torch::serialize::OutputArchive&)>& write) {
    try {
        torch::serialize::OutputArchive archive;
        write(archive);
        std::ostringstream stream;
        archive.save_to(stream);
        return QByteArray::fromStdString(stream.str());
    } catch (const std::exception& e) {
        return Error{QString(), QStringLiteral("cannot serialise tensors: %1").arg(firstLine(e.what()))};
    }
}

Result<QByteArray> serializeTensors(const NamedTensors& tensors) {
    return serializeArchive([&](torch::serialize::OutputArchive& archive) {
        for (const auto& [name, tensor] : tensors) archive.write(name, tensor.detach().to(torch::kCPU));
    });
}

Status readArchive(const QByteArray& bytes, const QString& path,
                   const std::function<Status(torch::serialize::InputArchive&)>& read, const torch::Device& device) {
    try {
        torch::serialize::InputArchive archive;
        archive.load_from(bytes.constData(), std::size_t(bytes.size()), device);
        return read(archive);
    } catch (const std::exception& e) {
        return Error{path, QStringLiteral("not a readable tensor archive: %1").arg(firstLine(e.what()))};
    }
}

Status loadTensorsInto(const QByteArray& bytes, const QString& path, const NamedTensors& into) {
    return readArchive(bytes, path, [&](torch::serialize::InputArchive& archive) -> Status {
        torch::NoGradGuard noGrad;
        for (const auto& [name, target] : into) {
            torch::Tensor stored;
            if (!archive.try_read(name, stored))
                return Error{path, QStringLiteral("parameter %1 is missing").arg(QString::fromStdString(name))};
            if (stored.sizes() != target.sizes())
                return Error{path, QStringLiteral("parameter %1 has shape %2, the model expects %3 "
                                                  "(the weights belong to another model config)")
                                       .arg(QString::fromStdString(name), shapeText(stored), shapeText(target))};
            if (stored.scalar_type() != target.scalar_type())
                return Error{path, QStringLiteral("parameter %1 has another number type").arg(QString::fromStdString(name))};
            target.copy_(stored);
        }
        const std::size_t stored = archive.keys().size();
        if (stored != into.size())
            return Error{path, QStringLiteral("holds %1 tensors, the model has %2 (another model config?)").arg(stored).arg(into.size())};
        return {};
    });
}

}  // namespace medq::model::internal
