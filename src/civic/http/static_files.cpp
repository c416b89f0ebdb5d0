// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/http/static_files.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "civic/http/problem.hpp"

namespace civic::http {
namespace {

std::string_view content_type_for(std::string_view path) {
    if (path.ends_with(".css")) return "text/css; charset=utf-8";
    if (path.ends_with(".js") || path.ends_with(".mjs")) return "text/javascript; charset=utf-8";
    if (path.ends_with(".woff2")) return "font/woff2";
    if (path.ends_with(".woff")) return "font/woff";
    if (path.ends_with(".png")) return "image/png";
    if (path.ends_with(".svg")) return "image/svg+xml";
    if (path.ends_with(".ico")) return "image/x-icon";
    if (path.ends_with(".json")) return "application/json";
    if (path.ends_with(".map")) return "application/json";
    return "application/octet-stream";
}

}  // namespace

void add_static_routes(Router& router, std::string assets_dir) {
    router.add(Method::Get, "/assets/{path...}", [dir = std::move(assets_dir)](Request& r) {
        const std::string_view rel = r.param("path");
        if (rel.find("..") != std::string_view::npos || rel.find('\\') != std::string_view::npos)
            return problem_response(r, Error::not_found("There is no such file."));
        const std::filesystem::path file = std::filesystem::path(dir) / std::string(rel);
        std::ifstream in(file, std::ios::binary);
        if (!in || std::filesystem::is_directory(file))
            return problem_response(r, Error::not_found("There is no such file."));
        std::ostringstream buf;
        buf << in.rdbuf();
        Response res{200, {{"content-type", std::string(content_type_for(rel))}}, buf.str()};
        res.set_header("cache-control", "public, max-age=86400");
        return res;
    });
}

}  // namespace civic::http
