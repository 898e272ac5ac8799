"""Wagtail's `image`, `srcset_image` and `picture` tags, making at most one rendition a request.

Same syntax and output as `{% load wagtailimages_tags %}`; missing renditions beyond the first
are made by the task worker (frontend/renditions.py).
"""

from django import template
from wagtail.images.models import Picture, ResponsiveImage
from wagtail.images.templatetags import wagtailimages_tags as wagtail

from frontend.renditions import renditions_for_request

register = template.Library()


def _attrs(node, context):
    return {key: value.resolve(context) for key, value in node.attrs.items()}


class ImageNode(wagtail.ImageNode):
    def render(self, context):
        image = self.validate_image(context)
        if not image:
            return ""
        rendition = next(iter(renditions_for_request(context, image, [self.get_filter()]).values()))
        if self.output_var_name:
            context[self.output_var_name] = rendition
            return ""
        return rendition.img_tag(_attrs(self, context))


class SrcsetImageNode(wagtail.SrcsetImageNode):
    wrapper = ResponsiveImage

    def render(self, context):
        image = self.validate_image(context)
        if not image:
            return ""
        renditions = renditions_for_request(context, image, self.get_filters())
        if self.output_var_name:
            context[self.output_var_name] = self.wrapper(renditions)
            return ""
        return self.wrapper(renditions, _attrs(self, context)).__html__()


class PictureNode(SrcsetImageNode):
    wrapper = Picture


NODES = {
    wagtail.ImageNode: ImageNode,
    wagtail.SrcsetImageNode: SrcsetImageNode,
    wagtail.PictureNode: PictureNode,
}


def image(parser, token):
    """Parse as Wagtail does, then render with the rendition budget."""
    node = wagtail.image(parser, token)
    return NODES[type(node)](
        node.image_expr, node.filter_specs, attrs=node.attrs, output_var_name=node.output_var_name
    )


register.tag("image", image)
register.tag("srcset_image", image)
register.tag("picture", image)
