#pragma once
// Errors as values at module boundaries: a Result holds either a value or an Error
// that names the file (or object) and the reason.
#include <QString>
#include <optional>
#include <utility>
#include <variant>

namespace medq {

struct Error {
    QString subject;  // usually a file path; may be empty
    QString reason;
    QString message() const {
        return subject.isEmpty() ? reason : QStringLiteral("%1: %2").arg(subject, reason);
    }
};

template <typename T>
class Result {
public:
    Result(T value) : m_value(std::move(value)) {}
    Result(Error error) : m_value(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_value); }
    explicit operator bool() const { return ok(); }
    T& value() { return std::get<T>(m_value); }
    const T& value() const { return std::get<T>(m_value); }
    T take() { return std::move(std::get<T>(m_value)); }
    const Error& error() const { return std::get<Error>(m_value); }

private:
    std::variant<T, Error> m_value;
};

// For operations that return nothing but can fail.
class Status {
public:
    Status() = default;
    Status(Error error) : m_error(std::move(error)) {}
    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

}  // namespace medq
