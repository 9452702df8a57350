#pragma once

#include <QTextDocument>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QToolButton;

namespace Dossier::Ui
{

/*! \brief The find-in-article strip under the reader: a search field, previous/next, "3 of 12", close.

    It only collects input and shows the count; ReaderView does the searching. Return goes to the next
    match, Shift+Return to the previous one, Esc closes. */
class FindBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FindBar)
public:
    explicit FindBar(QWidget *parent = nullptr);
    ~FindBar() override;

    QString text() const;
    void setText(const QString &text);
    QTextDocument::FindFlags findFlags() const;
    /*! Shows "\a current of \a total" (\a current counts from 1; 0 when no match is selected). */
    void setMatchCount(int current, int total);
    /*! Shows the bar, focuses the field and selects its text. */
    void activate();

Q_SIGNALS:
    void searchChanged();
    void nextRequested();
    void previousRequested();
    void closeRequested();

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    QLineEdit *m_field = nullptr;
    QToolButton *m_previous = nullptr;
    QToolButton *m_next = nullptr;
    QCheckBox *m_matchCase = nullptr;
    QLabel *m_status = nullptr;
    QToolButton *m_close = nullptr;
};

} // namespace Dossier::Ui
