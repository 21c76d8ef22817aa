#include "windowfit.h"

#include <QWidget>

#include <algorithm>

namespace coderai::WindowFit {

namespace {
constexpr int kSmallest = 200; // a screen smaller than this is not worth a layout of its own
}

QSize largestIn(const QRect &available)
{
    return {std::max(available.width() - SideAllowance, kSmallest),
            std::max(available.height() - FrameAllowance, kSmallest)};
}

void place(QWidget *window, QSize wanted, const QRect &available)
{
    window->resize(wanted.boundedTo(largestIn(available)));
    QRect placed(QPoint(0, 0), window->size());
    placed.moveCenter(available.center());
    placed.moveTop(std::max(available.top() + FrameAllowance / 2, placed.top()));
    window->move(placed.topLeft());
}

} // namespace coderai::WindowFit
