#pragma once

#include <QRect>
#include <QSize>

QT_BEGIN_NAMESPACE
class QWidget;
QT_END_NAMESPACE

namespace coderai {

/// \brief Sizes and places a top-level window inside a screen's available area.
///
/// A window manager's title bar and borders are unknown before the window is mapped, so room
/// for a generous one is kept: a window sized from its own wishes (a fixed 820×700, a form's
/// hint) would otherwise put its buttons below a 1366×768 laptop's panel.
namespace WindowFit {

inline constexpr int FrameAllowance = 48; ///< title bar and top/bottom borders
inline constexpr int SideAllowance = 16; ///< left and right borders

/// The largest size a window can take in \a available with its frame around it.
QSize largestIn(const QRect &available);
/// Resizes \a window to \a wanted, shrunk to largestIn(\a available), and centres it there,
/// never with its title bar above the area's top.
void place(QWidget *window, QSize wanted, const QRect &available);

} // namespace WindowFit
} // namespace coderai
