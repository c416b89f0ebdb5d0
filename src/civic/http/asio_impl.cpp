// SPDX-License-Identifier: AGPL-3.0-or-later
// Asio compiled once for the whole program (BOOST_ASIO_SEPARATE_COMPILATION).
#include <boost/asio/impl/src.hpp>
