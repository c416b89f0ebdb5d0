// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/kit/links.hpp"

namespace civic::kit {}  // namespace civic::kit
