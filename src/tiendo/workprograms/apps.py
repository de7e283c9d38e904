from django.apps import AppConfig


class WorkProgramsConfig(AppConfig):
    name = "tiendo.workprograms"
    verbose_name = "Chương trình công tác năm"
