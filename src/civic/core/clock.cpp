#include "civic/core/clock.hpp"

#include <fmt/format.h>

#include <charconv>

namespace civic {

std::string format_timestamp(TimePoint t) {
    using namespace std::chrono;
    const auto ms = time_point_cast<milliseconds>(t);
    const auto day = floor<days>(ms);
    const year_month_day ymd{day};
    const hh_mm_ss hms{ms - day};
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", int(ymd.year()),
                       unsigned(ymd.month()), unsigned(ymd.day()), hms.hours().count(),
                       hms.minutes().count(), hms.seconds().count(), hms.subseconds().count());
}

std::string format_date(TimePoint t) {
    using namespace std::chrono;
    const year_month_day ymd{floor<days>(t)};
    return fmt::format("{:04}-{:02}-{:02}", int(ymd.year()), unsigned(ymd.month()),
                       unsigned(ymd.day()));
}

bool is_iso_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    int y = 0;
    unsigned m = 0, d = 0;
    auto parse = [&](std::string_view part, auto& out) {
        auto [p, ec] = std::from_chars(part.data(), part.data() + part.size(), out);
        return ec == std::errc{} && p == part.data() + part.size();
    };
    if (!parse(text.substr(0, 4), y) || !parse(text.substr(5, 2), m) ||
        !parse(text.substr(8, 2), d))
        return false;
    return std::chrono::year_month_day{std::chrono::year{y}, std::chrono::month{m},
                                       std::chrono::day{d}}
        .ok();
}

}  // namespace civic
