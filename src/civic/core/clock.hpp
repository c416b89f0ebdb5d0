// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// Time comes from an injectable clock, so "today" in tests is fixed.

#include <chrono>
#include <string>

namespace civic {

using TimePoint = std::chrono::system_clock::time_point;

class Clock {
public:
    virtual ~Clock() = default;
    virtual TimePoint now() const = 0;
};

class SystemClock final : public Clock {
public:
    TimePoint now() const override { return std::chrono::system_clock::now(); }
};

class FixedClock final : public Clock {
public:
    explicit FixedClock(TimePoint t) : m_now(t) {}
    TimePoint now() const override { return m_now; }
    void set(TimePoint t) { m_now = t; }

private:
    TimePoint m_now;
};

// "2025-09-30T14:05:01.123Z": how Civic stores times (UTC, millisecond precision).
std::string format_timestamp(TimePoint t);
// True when text is a real calendar date written YYYY-MM-DD.
bool is_iso_date(std::string_view text);

}  // namespace civic
