# SPDX-License-Identifier: AGPL-3.0-or-later
# civic_embed(OUTPUT SYMBOL BASE_DIR FILES...): compiles files into a C++ table of
# {relative path, contents}, so the binary carries its migrations and templates.
function(civic_embed output symbol base_dir)
  set(files ${ARGN})
  add_custom_command(
    OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${output} -DSYMBOL=${symbol} -DBASE_DIR=${base_dir}
            "-DFILES=${files}" -P ${CMAKE_SOURCE_DIR}/cmake/embed_run.cmake
    DEPENDS ${files} ${CMAKE_SOURCE_DIR}/cmake/embed_run.cmake
    COMMENT "Embedding ${symbol}"
    VERBATIM)
endfunction()
