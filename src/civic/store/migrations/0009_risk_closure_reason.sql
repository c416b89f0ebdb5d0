-- SPDX-License-Identifier: AGPL-3.0-or-later
-- Why a risk was closed or merged, as the person who did it wrote it: kept with the risk so
-- that its page and the movement report can say so (empty while the risk is open, and for
-- risks closed before this column existed).
ALTER TABLE risks ADD COLUMN closed_reason TEXT NOT NULL DEFAULT '';
