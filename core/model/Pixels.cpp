#include "model/Pixels.h"

namespace medq::model {

Pixels::Pixels(std::vector<float> values) {
    if (!values.empty()) m_values = std::make_shared<std::vector<float>>(std::move(values));
}

const std::vector<float>& Pixels::values() const {
    static const std::vector<float> none;
    return m_values ? *m_values : none;
}

std::vector<float>& Pixels::edit() {
    if (!m_values)
        m_values = std::make_shared<std::vector<float>>();
    else if (m_values.use_count() > 1)
        m_values = std::make_shared<std::vector<float>>(*m_values);
    return *m_values;
}

}  // namespace medq::model
