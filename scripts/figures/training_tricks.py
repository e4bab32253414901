"""III.2 최적화 더 보기: 학습률 스케줄. 값은 snippets.training_tricks 로 계산합니다."""
import numpy as np

from scripts.figures import figure
from scripts.figures.style import color
from snippets.training_tricks import cosine_decay, step_decay, warmup_cosine

TOTAL, LR0 = 600, 0.1


@figure("lr-schedules", size=(7.6, 3.0))
def draw_lr_schedules(ax):
    t = np.arange(TOTAL)
    ax.plot(t, np.full(TOTAL, LR0), color=color("ref"), lw=1.6, label="고정")
    ax.plot(t, [step_decay(s, LR0, 0.5, 150) for s in t], color=color("deriv"), label="계단식 감쇠 (150걸음마다 ½)")
    ax.plot(t, [cosine_decay(s, LR0, TOTAL) for s in t], color=color("fn"), label="코사인 감쇠")
    ax.plot(t, [warmup_cosine(s, LR0, TOTAL, 60) for s in t], "--", color=color("good"), label="워밍업 60걸음 + 코사인")
    ax.set_xlabel("걸음 t")
    ax.set_ylabel("학습률 $\\eta_t$")
    ax.set_ylim(0, 0.115)
    ax.legend(fontsize=8.5, loc="center left", bbox_to_anchor=(1.0, 0.5))
