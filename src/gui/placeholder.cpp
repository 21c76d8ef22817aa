// Keeps coderai_gui non-empty until the desktop areas land.
