// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// Files compiled into the binary (migrations, templates, the OpenAPI document, the demo council).

#include <optional>
#include <span>
#include <string_view>

namespace civic {

struct EmbeddedFile {
    std::string_view path;  // relative to its folder, with '/' separators
    std::string_view contents;
};

std::span<const EmbeddedFile> civic_embedded_migrations();
std::span<const EmbeddedFile> civic_embedded_templates();
std::span<const EmbeddedFile> civic_embedded_docs();
std::span<const EmbeddedFile> civic_embedded_demo();

// Finds one file by its relative path.
std::optional<std::string_view> find_embedded(std::span<const EmbeddedFile> files,
                                              std::string_view path);

}  // namespace civic
