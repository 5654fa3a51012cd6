#pragma once
// The project's one way to write a settings struct to JSON and read it back: a table of
// fields (key, how to write the member, how to read it) drives both directions, so a key is
// spelled once and a new setting is one line. Reading checks types and names the key of the
// first problem: Error{"batchSize", "must be a whole number"}.
#include "common/Result.h"
#include "common/Vocabulary.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>
#include <cmath>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <limits>
#include <optional>
#include <type_traits>
#include <utility>
#include <vector>

namespace medq {

// One key of a struct S.
template <typename S>
struct JsonField {
    QString key;
    std::function<QJsonValue(const S&)> write;
    // Reads the key's value into the struct: an empty string when it could, else why not, said
    // of the key ("must be a number").
    std::function<QString(S&, const QJsonValue&)> read;
    // Runs when the key is missing; empty: the member keeps the struct's default. For files
    // written before a setting existed, which meant something other than today's default.
    std::function<void(S&)> whenMissing;
};

// What fieldsFromJson does with a key that no field names.
enum class UnknownKeys { Ignore, Reject };

template <typename S>
QJsonObject fieldsToJson(const S& value, const std::vector<JsonField<S>>& fields) {
    QJsonObject json;
    for (const JsonField<S>& f : fields) json.insert(f.key, f.write(value));
    return json;
}

// Reads every field's key into `target` (fields in table order; a missing key runs its
// whenMissing). The error names the key: an unknown one (with UnknownKeys::Reject) or the
// first that cannot be read. Values are not validated beyond their type.
template <typename S>
Status fieldsFromJson(S& target, const QJsonObject& json, const std::vector<JsonField<S>>& fields,
                      UnknownKeys unknown = UnknownKeys::Ignore) {
    if (unknown == UnknownKeys::Reject)
        for (auto it = json.begin(); it != json.end(); ++it) {
            bool known = false;
            for (const JsonField<S>& f : fields) known = known || f.key == it.key();
            if (!known) return Error{it.key(), QStringLiteral("unknown key")};
        }
    for (const JsonField<S>& f : fields) {
        const auto it = json.constFind(f.key);
        if (it == json.constEnd()) {
            if (f.whenMissing) f.whenMissing(target);
            continue;
        }
        if (const QString why = f.read(target, it.value()); !why.isEmpty()) return Error{f.key, why};
    }
    return {};
}

namespace jsonfields_detail {

template <typename T>
struct Same {
    using type = T;
};
// A trailing "value when the key is missing" argument that does not take part in deducing T.
template <typename T>
using WhenMissing = std::optional<typename Same<T>::type>;

template <typename S, typename T>
std::function<void(S&)> assigner(T S::*member, const WhenMissing<T>& whenMissing) {
    if (!whenMissing) return {};
    return [member, value = *whenMissing](S& s) { s.*member = value; };
}

// A whole number that T holds: 2^digits is exact in a double, so the bounds are too.
template <typename T>
bool holdsWhole(double v) {
    const double bound = std::ldexp(1.0, std::numeric_limits<T>::digits);
    return std::isfinite(v) && v == std::floor(v) && v < bound && v >= (std::is_signed_v<T> ? -bound : 0.0);
}
// The whole number a value holds (holdsWhole checked): exactly as written up to 2^63.
template <typename T>
T wholeValue(const QJsonValue& v) {
    const double d = v.toDouble();
    return d < 0x1.0p63 ? T(v.toInteger()) : T(d);
}

}  // namespace jsonfields_detail

// An integer member (int, qint64, ...), written as a JSON number.
template <typename S, typename T>
JsonField<S> intField(const char* key, T S::*member, jsonfields_detail::WhenMissing<T> whenMissing = std::nullopt) {
    static_assert(std::is_integral_v<T> && !std::is_same_v<T, bool>, "intField is for integers; boolField for bool");
    return {QString::fromLatin1(key), [member](const S& s) { return QJsonValue(qint64(s.*member)); },
            [member](S& s, const QJsonValue& v) {
                if (!v.isDouble() || !jsonfields_detail::holdsWhole<T>(v.toDouble()))
                    return QStringLiteral("must be a whole number");
                s.*member = jsonfields_detail::wholeValue<T>(v);
                return QString();
            },
            jsonfields_detail::assigner(member, whenMissing)};
}

// A 64-bit seed, written as a JSON number: only its low 53 bits, which a JSON number (a
// double) holds exactly, so that a seed reads back as written.
template <typename S>
JsonField<S> uint64Field(const char* key, std::uint64_t S::*member,
                         jsonfields_detail::WhenMissing<std::uint64_t> whenMissing = std::nullopt) {
    return {QString::fromLatin1(key),
            [member](const S& s) { return QJsonValue(qint64(s.*member & ((std::uint64_t(1) << 53) - 1))); },
            [member](S& s, const QJsonValue& v) {
                if (!v.isDouble() || !jsonfields_detail::holdsWhole<std::uint64_t>(v.toDouble()))
                    return QStringLiteral("must be a whole number, not negative");
                s.*member = jsonfields_detail::wholeValue<std::uint64_t>(v);
                return QString();
            },
            jsonfields_detail::assigner(member, whenMissing)};
}

template <typename S>
JsonField<S> doubleField(const char* key, double S::*member,
                         jsonfields_detail::WhenMissing<double> whenMissing = std::nullopt) {
    return {QString::fromLatin1(key), [member](const S& s) { return QJsonValue(s.*member); },
            [member](S& s, const QJsonValue& v) {
                if (!v.isDouble()) return QStringLiteral("must be a number");
                s.*member = v.toDouble();
                return QString();
            },
            jsonfields_detail::assigner(member, whenMissing)};
}

template <typename S>
JsonField<S> textField(const char* key, QString S::*member,
                       jsonfields_detail::WhenMissing<QString> whenMissing = std::nullopt) {
    return {QString::fromLatin1(key), [member](const S& s) { return QJsonValue(s.*member); },
            [member](S& s, const QJsonValue& v) {
                if (!v.isString()) return QStringLiteral("must be text");
                s.*member = v.toString();
                return QString();
            },
            jsonfields_detail::assigner(member, whenMissing)};
}

template <typename S>
JsonField<S> boolField(const char* key, bool S::*member,
                       jsonfields_detail::WhenMissing<bool> whenMissing = std::nullopt) {
    return {QString::fromLatin1(key), [member](const S& s) { return QJsonValue(s.*member); },
            [member](S& s, const QJsonValue& v) {
                if (!v.isBool()) return QStringLiteral("must be true or false");
                s.*member = v.toBool();
                return QString();
            },
            jsonfields_detail::assigner(member, whenMissing)};
}

// A list of words, written as a JSON array of strings.
template <typename S>
JsonField<S> textListField(const char* key, QStringList S::*member) {
    return {QString::fromLatin1(key),
            [member](const S& s) { return QJsonValue(QJsonArray::fromStringList(s.*member)); },
            [member](S& s, const QJsonValue& v) {
                if (!v.isArray()) return QStringLiteral("must be a list of text");
                QStringList list;
                for (const QJsonValue& item : v.toArray()) {
                    if (!item.isString()) return QStringLiteral("must be a list of text");
                    list << item.toString();
                }
                s.*member = list;
                return QString();
            },
            {}};
}

// An enum of the vocabulary (common/Vocabulary.h), written as its key().
template <typename S, typename E>
JsonField<S> enumField(const char* key, E S::*member, jsonfields_detail::WhenMissing<E> whenMissing = std::nullopt) {
    return {QString::fromLatin1(key), [member](const S& s) { return QJsonValue(medq::key(s.*member)); },
            [member](S& s, const QJsonValue& v) {
                if (!v.isString()) return QStringLiteral("must be text");
                const std::optional<E> value = fromKey<E>(v.toString());
                if (!value) return QStringLiteral("'%1' is not one of %2").arg(v.toString(), keyList<E>());
                s.*member = *value;
                return QString();
            },
            jsonfields_detail::assigner(member, whenMissing)};
}

// An enum outside the vocabulary, written as the word the table gives its value.
template <typename S, typename E>
JsonField<S> enumField(const char* key, E S::*member, std::initializer_list<std::pair<E, const char*>> words,
                       jsonfields_detail::WhenMissing<E> whenMissing = std::nullopt) {
    std::vector<std::pair<E, QString>> table;
    for (const auto& [value, word] : words) table.emplace_back(value, QString::fromLatin1(word));
    return {QString::fromLatin1(key),
            [member, table](const S& s) {
                for (const auto& [value, word] : table)
                    if (value == s.*member) return QJsonValue(word);
                return QJsonValue();  // a value missing from the table: the table is incomplete
            },
            [member, table](S& s, const QJsonValue& v) {
                if (!v.isString()) return QStringLiteral("must be text");
                QStringList words;
                for (const auto& [value, word] : table) {
                    if (word == v.toString()) {
                        s.*member = value;
                        return QString();
                    }
                    words << word;
                }
                return QStringLiteral("'%1' is not one of %2").arg(v.toString(), words.join(QStringLiteral(", ")));
            },
            jsonfields_detail::assigner(member, whenMissing)};
}

// A nested settings struct T with T::toJson() and static Result<T> T::fromJson(const QJsonObject&).
template <typename S, typename T>
JsonField<S> objectField(const char* key, T S::*member) {
    return {QString::fromLatin1(key),
            [member](const S& s) { return QJsonValue((s.*member).toJson()); },
            [member](S& s, const QJsonValue& v) {
                if (!v.isObject()) return QStringLiteral("must be an object");
                Result<T> value = T::fromJson(v.toObject());
                if (!value) return value.error().message();
                s.*member = value.take();
                return QString();
            },
            {}};
}

}  // namespace medq
