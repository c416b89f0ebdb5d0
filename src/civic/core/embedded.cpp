// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/core/embedded.hpp"

namespace civic {

std::optional<std::string_view> find_embedded(std::span<const EmbeddedFile> files,
                                              std::string_view path) {
    for (const auto& f : files) {
        if (f.path == path) return f.contents;
    }
    return std::nullopt;
}

}  // namespace civic
