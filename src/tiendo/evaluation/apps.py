from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "tiendo.evaluation"
    verbose_name = "Đánh giá chỉ tiêu"
