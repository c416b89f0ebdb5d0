// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/kit/table.hpp"

#include <boost/json.hpp>

namespace civic::kit {

std::string text_list_to_json(const std::vector<std::string>& items) {
    boost::json::array a;
    for (const auto& i : items) a.push_back(boost::json::value(i));
    return boost::json::serialize(a);
}

std::vector<std::string> text_list_from_json(std::string_view text) {
    std::vector<std::string> out;
    boost::system::error_code ec;
    const auto v = boost::json::parse(text, ec);
    if (ec || !v.is_array()) return out;
    for (const auto& item : v.as_array())
        if (item.is_string()) out.emplace_back(item.as_string());
    return out;
}

}  // namespace civic::kit
