# The demo's own profile: where `--demo` and "Try the demo" keep their figures.
target_sources(coderai_gui PRIVATE
    demoprofile.cpp demoprofile.h
)
