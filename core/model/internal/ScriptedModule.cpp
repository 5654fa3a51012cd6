#include <torch/torch.h>

#include "model/internal/ScriptedModule.h"

#include "model/internal/SequenceBatch.h"
#include "model/internal/WeightArchive.h"

#include <QJsonArray>
#include <sstream>

namespace medq::model::internal {

namespace {

QString shapeOf(const torch::Tensor& t) {
    QStringList sizes;
    for (int64_t s : t.sizes()) sizes << QString::number(s);
    return QLatin1Char('[') + sizes.join(QStringLiteral(", ")) + QLatin1Char(']');
}

torch::Tensor tensorResult(const c10::IValue& value, const char* method) {
    if (!value.isTensor()) throw std::runtime_error(std::string(method) + " did not return a tensor");
    return value.toTensor();
}

}  // namespace

QString scriptError(const char* what) {
    const QStringList lines = QString::fromLocal8Bit(what).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (auto it = lines.crbegin(); it != lines.crend(); ++it)
        if (it->contains(QLatin1String("Error:"))) return it->trimmed();
    return lines.isEmpty() ? QString() : lines.front().trimmed();
}

Result<ScriptedModule> ScriptedModule::load(const QByteArray& bytes, const QString& path, torch::Device device) {
    try {
        std::istringstream in(std::string(bytes.constData(), std::size_t(bytes.size())));
        ScriptedModule m;
        m.m_module = torch::jit::load(in, device);
        m.m_module.eval();
        m.m_device = device;
        return m;
    } catch (const std::exception& e) {
        return Error{path, QStringLiteral("not a TorchScript module this libtorch (%1) can load: %2")
                               .arg(QString::fromLatin1(TORCH_VERSION), firstLine(e.what()))};
    }
}

Result<QJsonObject> ScriptedModule::contractAttributes() const {
    QJsonObject out;
    for (const char* name : {"input_size", "channels", "mean", "std", "attributes"}) {
        if (!m_module.hasattr(name)) continue;
        const c10::IValue v = m_module.attr(name);
        const QString key = QString::fromLatin1(name);
        if (v.isInt()) out.insert(key, qint64(v.toInt()));
        else if (v.isDouble()) out.insert(key, v.toDouble());
        else if (v.isList()) {
            QJsonArray list;
            for (const c10::IValue& item : v.toListRef()) {
                if (item.isString()) list.append(QString::fromStdString(item.toStringRef()));
                else if (item.isDouble()) list.append(item.toDouble());
                else if (item.isInt()) list.append(double(item.toInt()));
                else return Error{key, QStringLiteral("the module's attribute holds a %1 in its list").arg(QString::fromStdString(item.tagKind()))};
            }
            out.insert(key, list);
        } else {
            return Error{key, QStringLiteral("the module's attribute is a %1").arg(QString::fromStdString(v.tagKind()))};
        }
    }
    return out;
}

bool ScriptedModule::hasMethod(const char* name) const { return m_module.find_method(name).has_value(); }

torch::Tensor ScriptedModule::batch(const std::vector<const std::vector<float>*>& images, const ScriptedSpec& spec) const {
    auto pixels = stackImages(images, spec.inputSize, torch::Device(torch::kCPU));  // [N, 3, S, S]
    if (spec.channels == 1) pixels = pixels.slice(1, 0, 1);
    const auto mean = torch::tensor(std::vector<float>(spec.mean.begin(), spec.mean.end())).view({1, spec.channels, 1, 1});
    const auto stdev = torch::tensor(std::vector<float>(spec.std.begin(), spec.std.end())).view({1, spec.channels, 1, 1});
    return ((pixels - mean) / stdev).contiguous().to(m_device);
}

torch::Tensor ScriptedModule::embed(const torch::Tensor& batch) {
    return tensorResult(m_module.get_method("embed")({batch}), "embed");
}

torch::Tensor ScriptedModule::attributeLogits(const torch::Tensor& batch) {
    return tensorResult(m_module.get_method("attribute_logits")({batch}), "attribute_logits");
}

std::vector<QString> ScriptedModule::describe(const torch::Tensor& batch) {
    const c10::IValue v = m_module.get_method("describe")({batch});
    if (!v.isList()) throw std::runtime_error("describe did not return a list of strings");
    std::vector<QString> out;
    for (const c10::IValue& item : v.toListRef()) {
        if (!item.isString()) throw std::runtime_error("describe returned a list holding something other than strings");
        out.push_back(QString::fromStdString(item.toStringRef()));
    }
    return out;
}

QByteArray ScriptedModule::serialized() {
    std::ostringstream out;
    m_module.save(out);
    const std::string bytes = out.str();
    return QByteArray(bytes.data(), qsizetype(bytes.size()));
}

Status checkContract(ScriptedModule& module, ScriptedSpec& spec) {
    for (const char* method : {"embed", "attribute_logits"})
        if (!module.hasMethod(method))
            return Error{QString::fromLatin1(method), QStringLiteral("is missing: export %1(images) with @torch.jit.export").arg(QString::fromLatin1(method))};
    spec.hasDescribe = module.hasMethod("describe");
    // Two probe images: mid-grey and a horizontal ramp, as preprocessed pixels in [0, 1].
    const int s = spec.inputSize;
    std::vector<float> grey(std::size_t(3 * s * s), 0.5f), ramp(std::size_t(3 * s * s));
    for (std::size_t i = 0; i < ramp.size(); ++i) ramp[i] = float(i % std::size_t(s)) / float(s - 1);
    const std::vector<const std::vector<float>*> probes = {&grey, &ramp};
    const int64_t n = int64_t(probes.size()), a = spec.attributes.size();
    const QString input = QStringLiteral("[%1, %2, %3, %3]").arg(n).arg(spec.channels).arg(s);
    auto fail = [&](const char* method, const QString& why) {
        return Status(Error{QString::fromLatin1(method), QStringLiteral("%1 (input %2)").arg(why, input)});
    };
    torch::NoGradGuard noGrad;
    const torch::Tensor x = module.batch(probes, spec);
    torch::Tensor embedded, logits;
    try {
        embedded = module.embed(x);
    } catch (const std::exception& e) {
        return fail("embed", QStringLiteral("failed: %1").arg(scriptError(e.what())));
    }
    if (embedded.dim() != 2 || embedded.size(0) != n || embedded.size(1) < 1)
        return fail("embed", QStringLiteral("returned %1; the contract is [N, D] for N images").arg(shapeOf(embedded)));
    if (!torch::isfinite(embedded).all().item<bool>()) return fail("embed", QStringLiteral("returned NaN or infinite values"));
    spec.embeddingDimension = int(embedded.size(1));
    try {
        logits = module.attributeLogits(x);
    } catch (const std::exception& e) {
        return fail("attribute_logits", QStringLiteral("failed: %1").arg(scriptError(e.what())));
    }
    if (logits.dim() != 3 || logits.size(0) != n || logits.size(1) != a || logits.size(2) != 4)
        return fail("attribute_logits", QStringLiteral("returned %1; the contract is [N, %2, 4]: N images, the %2 attributes its "
                                                       "`attributes` names, severities none/mild/moderate/severe")
                                            .arg(shapeOf(logits)).arg(a));
    if (!torch::isfinite(logits).all().item<bool>()) return fail("attribute_logits", QStringLiteral("returned NaN or infinite values"));
    if (spec.hasDescribe) {
        try {
            const auto texts = module.describe(x);
            if (int64_t(texts.size()) != n)
                return fail("describe", QStringLiteral("returned %1 texts for %2 images").arg(texts.size()).arg(n));
        } catch (const std::exception& e) {
            return fail("describe", QStringLiteral("failed: %1").arg(scriptError(e.what())));
        }
    }
    return {};
}

}  // namespace medq::model::internal
