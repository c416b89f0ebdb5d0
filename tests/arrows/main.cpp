// SPDX-License-Identifier: AGPL-3.0-or-later
// The arrow check links one module's library whole, with only what the module says it uses
// (civic_module() in CMakeLists.txt). Nothing runs: linking is the test.
int main() { return 0; }
