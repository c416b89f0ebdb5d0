// SPDX-License-Identifier: AGPL-3.0-or-later
// Progressive enhancement only: every page works without this file.
import { initAll } from "/assets/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();
