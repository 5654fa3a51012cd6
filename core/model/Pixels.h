#pragma once
// One image's preprocessed pixels, shared read-only by every input that shows the image.
// A round of 1,000 at pool 100,000 assembled ~44,000 examples of ~6,300 images; with a copy
// per example those copies took ~8.6 GB at imageSize 128 (docs/scale-out.md). Copying a
// Pixels copies a pointer; edit() makes the copy its own before writing (copy on write).
#include <cstddef>
#include <initializer_list>
#include <memory>
#include <vector>

namespace medq::model {

class Pixels {
public:
    Pixels() = default;
    Pixels(std::vector<float> values);  // NOLINT: implicit, a vector of pixels is one
    Pixels(std::initializer_list<float> values) : Pixels(std::vector<float>(values)) {}

    const std::vector<float>& values() const;
    operator const std::vector<float>&() const { return values(); }  // NOLINT: read as a vector

    std::size_t size() const { return m_values ? m_values->size() : 0; }
    bool empty() const { return size() == 0; }
    const float* data() const { return values().data(); }
    std::vector<float>::const_iterator begin() const { return values().begin(); }
    std::vector<float>::const_iterator end() const { return values().end(); }
    float operator[](std::size_t i) const { return values()[i]; }

    // The values to write to, no longer shared with any other Pixels.
    std::vector<float>& edit();
    // Whether both hold the same buffer (not only equal values).
    bool sharesBufferWith(const Pixels& other) const { return m_values && m_values == other.m_values; }

    friend bool operator==(const Pixels& a, const Pixels& b) { return a.sharesBufferWith(b) || a.values() == b.values(); }
    friend bool operator!=(const Pixels& a, const Pixels& b) { return !(a == b); }
    friend bool operator<(const Pixels& a, const Pixels& b) { return !a.sharesBufferWith(b) && a.values() < b.values(); }

private:
    std::shared_ptr<std::vector<float>> m_values;  // never written while shared
};

}  // namespace medq::model
