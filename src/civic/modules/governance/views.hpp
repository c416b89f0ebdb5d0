// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// Governance's answers as JSON: each view of a record with what the reads add to it (names,
// deadlines, quorum, whether exempt content is hidden), a meeting's agenda and its minutes.
// An item or decision the caller may not see in full says so ("redacted": true) and carries
// the public notice of its exemption instead of its content.

#include <boost/json/object.hpp>

#include "civic/modules/governance/service.hpp"

namespace civic::governance {

boost::json::object to_json(const MemberView& m);
boost::json::object to_json(const BodyView& b);
boost::json::object to_json(const GenerationResult& g);
boost::json::object to_json(const Quorum& q);
boost::json::object to_json(const MeetingView& m);
boost::json::object to_json(const AttendeeView& a);
boost::json::object to_json(const ItemView& i);
boost::json::object to_json(const DecisionView& d);
boost::json::object to_json(const ActionView& a);
boost::json::object to_json(const EntryView& e);
boost::json::object to_json(const TopicView& t);
boost::json::object to_json(const Agenda& a);
boost::json::object to_json(const Minutes& m);
boost::json::object to_json(const ModernGovSummary& s);

}  // namespace civic::governance
